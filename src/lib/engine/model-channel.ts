/** The BroadcastChannel on which a worker says that a model was stored or deleted. */
export const MODEL_CHANNEL = 'tsugi-model';

export interface ModelChange {
  what: 'trained' | 'fine-tuned' | 'deleted';
}
