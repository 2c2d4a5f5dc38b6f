/** MAL list statuses, with MAL's own numeric codes (0 = the source does not say). */
export const Status = {
  unknown: 0,
  watching: 1,
  completed: 2,
  onHold: 3,
  dropped: 4,
  planToWatch: 6,
} as const;
export type StatusCode = (typeof Status)[keyof typeof Status];
