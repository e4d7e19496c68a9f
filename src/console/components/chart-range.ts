/** The time range the charts' points span (the store's `t` range): their time axes say it. */
import { createContext } from 'react';

/** Seconds; undefined where no app provides it (the axis then only marks "now"). */
export const ChartRangeContext = createContext<number | undefined>(undefined);
