/**
 * Where a JSON text stops being valid (RFC 8259), for bodies JSON.parse refused: V8 gives a position for only
 * some errors. Iterative, with an explicit stack: the recursive version stopped where the call stack ran out,
 * so a 100,000-deep unbalanced body was reported at the wrong column (issue 17, defect 15).
 */

/** The position of the first invalid character, and the element of a top-level array that holds it. */
export function locateJsonError(s: string): { pos: number; element?: number } {
  const at = new Scanner(s);
  try {
    at.document();
  } catch {
    // a SyntaxError from fail(): `at.i` is where the text stopped being JSON
  }
  return at.element === undefined ? { pos: at.i } : { pos: at.i, element: at.element };
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

class Scanner {
  i = 0;
  element: number | undefined;
  constructor(private readonly s: string) {}

  document(): void {
    // Each open container: its closer, and how many values it has so far.
    const closers: string[] = [];
    const counts: number[] = [];
    for (;;) {
      // A value starts here: a scalar, or a container (then its first member, or its immediate close).
      this.ws();
      const depth = closers.length;
      if (depth === 1 && closers[0] === ']') this.element = counts[0]!;
      const c = this.s[this.i];
      let done = true;
      if (c === '{' || c === '[') {
        this.i++;
        this.ws();
        const close = c === '{' ? '}' : ']';
        if (this.s[this.i] === close) this.i++;
        else {
          closers.push(close);
          counts.push(0);
          if (close === '}') this.key();
          done = false;
        }
      } else this.scalar();
      if (!done) continue;
      // After a value: close finished containers, or move to the next member.
      for (;;) {
        this.ws();
        const top = closers.length - 1;
        if (top < 0) {
          if (this.i < this.s.length) this.fail();
          return;
        }
        counts[top]!++;
        if (this.s[this.i] === closers[top]) {
          this.i++;
          closers.pop();
          counts.pop();
          if (closers.length === 0) this.element = undefined; // an error after the array is in no record
          continue;
        }
        this.eat(',');
        if (closers[top] === '}') this.key();
        break;
      }
    }
  }

  private key(): void {
    this.ws();
    this.string();
    this.ws();
    this.eat(':');
  }

  private scalar(): void {
    const { s } = this;
    if (s[this.i] === '"') {
      this.string();
      return;
    }
    for (const lit of ['true', 'false', 'null'])
      if (s.startsWith(lit, this.i)) return void (this.i += lit.length);
    NUMBER.lastIndex = this.i;
    if (!NUMBER.test(s)) this.fail();
    this.i = NUMBER.lastIndex;
  }

  private string(): void {
    const { s } = this;
    this.eat('"');
    for (;;) {
      const c = s.charCodeAt(this.i);
      if (c === 0x22) return void this.i++;
      if (Number.isNaN(c) || c < 0x20) this.fail();
      if (c === 0x5c) {
        this.i++;
        if (s[this.i] === 'u' && /^[0-9a-fA-F]{4}$/.test(s.slice(this.i + 1, this.i + 5))) this.i += 4;
        else if (!'"\\/bfnrt'.includes(s[this.i] ?? 'x')) this.fail();
      }
      this.i++;
    }
  }

  private ws(): void {
    const { s } = this;
    while (
      this.i < s.length &&
      (s[this.i] === ' ' || s[this.i] === '\n' || s[this.i] === '\r' || s[this.i] === '\t')
    )
      this.i++;
  }

  private eat(c: string): void {
    if (this.s[this.i] === c) this.i++;
    else this.fail();
  }

  private fail(): never {
    throw new SyntaxError('stop');
  }
}
