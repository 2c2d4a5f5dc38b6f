import { describe, expect, it } from 'vitest';
import { Status } from '$lib/data/shard-types';
import { Feedback, feedbackOf } from './interactions';

describe('feedbackOf', () => {
  it.each([
    [9, Status.completed, Feedback.positive],
    [7, Status.unknown, Feedback.positive],
    [0, Status.completed, Feedback.positive],
    [0, Status.watching, Feedback.positive],
    [8, Status.dropped, Feedback.negative],
    [0, Status.dropped, Feedback.negative],
    [4, Status.completed, Feedback.negative],
    [6, Status.completed, Feedback.neutral],
    [0, Status.planToWatch, Feedback.neutral],
    [0, Status.onHold, Feedback.neutral],
    [0, Status.unknown, Feedback.neutral],
  ])('score %i with status %i is %i', (score, status, expected) => {
    expect(feedbackOf(score, status)).toBe(expected);
  });
});
