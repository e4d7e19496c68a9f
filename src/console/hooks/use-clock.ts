/** The time, on `ms` boundaries (the minute): the only timer in the components (the header's clock). */
import { useEffect, useState } from 'react';

/** Epoch ms, updated at each multiple of `ms` (60 s: the header shows HH:MM). */
export function useClock(now: () => number = Date.now, ms = 60_000): number {
  const [t, setT] = useState(now);
  useEffect(() => {
    let timer: NodeJS.Timeout;
    const arm = () => {
      timer = setTimeout(
        () => {
          setT(now());
          arm();
        },
        ms - (now() % ms) + 5,
      );
      timer.unref?.();
    };
    arm();
    return () => clearTimeout(timer);
  }, [now, ms]);
  return t;
}
