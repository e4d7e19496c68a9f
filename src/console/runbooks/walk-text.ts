/** Pure: text broken into lines of a width without losing any of it (a word longer than a line is split). */

/** The words of `text` in lines of at most `width` columns; a longer word (a URL) goes on over lines. */
export function hardWrap(text: string, width: number): string[] {
  const w = Math.max(1, width);
  const out: string[] = [];
  let line = '';
  for (let word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > w) {
      out.push(line);
      line = '';
    }
    while (!line && word.length > w) {
      out.push(word.slice(0, w));
      word = word.slice(w);
    }
    line = line ? `${line} ${word}` : word;
  }
  if (line || out.length === 0) out.push(line);
  return out;
}

/** Markdown paragraphs (blank-line separated), each reflowed into one line of single-spaced words. */
export function paragraphs(text: string): string[] {
  return text
    .split(/\n\s*\n/)
    .map((p) => p.split(/\s+/).filter(Boolean).join(' '))
    .filter(Boolean);
}
