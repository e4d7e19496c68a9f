/** The terminal's columns and rows, updated on resize; a fixed size when one is given (tests). */
import { useStdout } from 'ink';
import { useEffect, useState } from 'react';

/** Columns and rows. */
export interface Size {
  columns: number;
  rows: number;
}

const read = (s: NodeJS.WriteStream): Size => ({ columns: s.columns || 80, rows: s.rows || 24 });

/** Reads stdout's size (80x24 when it has none) and follows 'resize'. */
export function useTerminalSize(fixed?: Size): Size {
  const { stdout } = useStdout();
  const [size, setSize] = useState(() => read(stdout));
  useEffect(() => {
    if (fixed) return;
    const onResize = () => setSize(read(stdout));
    stdout.on('resize', onResize);
    return () => {
      stdout.off('resize', onResize);
    };
  }, [stdout, fixed]);
  return fixed ?? size;
}
