import { describe, expect, it } from 'vitest';
import { lineEdit } from '../../src/console/components/line-edit.js';

const none = { return: false, escape: false, backspace: false, delete: false, ctrl: false, meta: false };

describe('lineEdit', () => {
  it('types, deletes, submits and cancels', () => {
    expect(lineEdit('ab', 'c', none)).toEqual({ text: 'abc', action: 'edit' });
    expect(lineEdit('ab', '', { ...none, backspace: true })).toEqual({ text: 'a', action: 'edit' });
    expect(lineEdit('', '', { ...none, delete: true })).toEqual({ text: '', action: 'edit' });
    expect(lineEdit('ab', '\r', { ...none, return: true })).toEqual({ text: 'ab', action: 'submit' });
    expect(lineEdit('ab', '', { ...none, escape: true })).toEqual({ text: 'ab', action: 'cancel' });
  });

  it('a pasted chunk with its Enter inside is typed, then submitted', () => {
    expect(lineEdit('', 'restart\r', none)).toEqual({ text: 'restart', action: 'submit' });
    expect(lineEdit('re', 'start\nignored', none)).toEqual({ text: 'restart', action: 'submit' });
  });

  it('ignores control and meta chords', () => {
    expect(lineEdit('ab', 'u', { ...none, ctrl: true })).toEqual({ text: 'ab', action: 'edit' });
    expect(lineEdit('ab', 'x', { ...none, meta: true })).toEqual({ text: 'ab', action: 'edit' });
  });
});
