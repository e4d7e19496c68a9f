/** State that key handlers read through a ref: keys of one burst see each other's updates, never a stale closure. */
import { useRef, useState } from 'react';

/** The value (for rendering), its ref (for key handlers) and a setter that updates both at once. */
export function useRefState<T>(initial: T): [T, { readonly current: T }, (v: T) => void] {
  const [value, setValue] = useState(initial);
  const ref = useRef(initial);
  const set = (v: T) => {
    ref.current = v;
    setValue(v);
  };
  return [value, ref, set];
}
