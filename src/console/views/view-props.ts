/** What every view receives. */
import type { ConsoleStore } from '../store.js';

/** A view's box, the table filter, and the selected alert. */
export interface ViewProps {
  store: ConsoleStore;
  width: number;
  height: number;
  filter: string;
  selected: number;
}
