/**
 * The prompt's state: the mode, the table filter and the typed input. Keys can arrive faster than renders,
 * so each lives in a ref as well, which the key handler reads: never a stale closure.
 */
import { useRef, useState } from 'react';
import type { Mode } from '../components/prompt-mode.js';

type Update = string | ((t: string) => string);

/** The values (for rendering), the refs (for key handlers) and the setters. */
export function usePromptState() {
  const [mode, setModeState] = useState<Mode>({ kind: 'normal' });
  const modeRef = useRef<Mode>(mode);
  const [filter, setFilterState] = useState('');
  const [input, setInputState] = useState('');
  const text = useRef({ filter: '', input: '' });
  const setMode = (m: Mode) => {
    modeRef.current = m;
    setModeState(m);
  };
  const setFilter = (f: Update) => {
    text.current.filter = typeof f === 'function' ? f(text.current.filter) : f;
    setFilterState(text.current.filter);
  };
  const setInput = (f: Update) => {
    text.current.input = typeof f === 'function' ? f(text.current.input) : f;
    setInputState(text.current.input);
  };
  return { mode, modeRef, setMode, filter, setFilter, input, setInput, text };
}
