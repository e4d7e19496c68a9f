/** What every view receives. */
import type { PanelModel } from '../panels/model.js';
import type { ConsoleStore } from '../store.js';

/** A view's box, the table filter, and the selected alert. */
export interface ViewProps {
  store: ConsoleStore;
  width: number;
  height: number;
  filter: string;
  selected: number;
  /** The alert list as shown (grouped, with acks; hooks/use-alert-list.ts); the store's alerts panel without it. */
  alerts?: PanelModel;
}
