/** How list statuses read on screen. */
import type { ListStatus } from './list-entry';

export const STATUS_LABELS: Record<ListStatus, string> = {
  watching: 'Watching',
  completed: 'Completed',
  on_hold: 'On hold',
  dropped: 'Dropped',
  plan_to_watch: 'Plan to watch',
};
