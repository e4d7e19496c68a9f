/** The terminal's columns and rows, updated on resize; a fixed size when one is given (tests). */
import { useStdout } from 'ink';
import { useEffect, useState } from 'react';

/** Columns and rows. */
export interface Size {
  columns: number;
  rows: number;
}

/** Reads stdout's size (80x24 when it has none) and follows 'resize'. */
export function useTerminalSize(fixed?: Size): Size {
  const { stdout } = useStdout();
  const read = (): Size => ({ columns: stdout.columns || 80, rows: stdout.rows || 24 });
  const [size, setSize] = useState(read);
  useEffect(() => {
    if (fixed) return;
    const onResize = () => setSize(read());
    stdout.on('resize', onResize);
    return () => {
      stdout.off('resize', onResize);
    };
    // biome-ignore lint/correctness/useExhaustiveDependencies: read() only reads stdout
  }, [stdout, fixed]);
  return fixed ?? size;
}
