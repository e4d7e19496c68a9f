/** The time, once a second: the only timer in the components (the header's clock and data ages). */
import { useEffect, useState } from 'react';

/** Epoch ms, updated every `ms` (1 s). */
export function useClock(now: () => number = Date.now, ms = 1000): number {
  const [t, setT] = useState(now);
  useEffect(() => {
    const id = setInterval(() => setT(now()), ms);
    return () => clearInterval(id);
  }, [now, ms]);
  return t;
}
