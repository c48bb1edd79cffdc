import type { BlockedTrain } from '../../../../shared/trains/schemas.ts';

export function blockedTitle(train: BlockedTrain): string {
  return `Train ${train.trainName} is blocked: ${train.reasons.join('; ')}`;
}

/** "blocked" next to a version, a rollout or a train: a failed gate stops the release. */
export function BlockedBadge({ train }: { train: BlockedTrain }) {
  return (
    <span className="badge badge-blocked" data-blocked-train={train.train} title={blockedTitle(train)}>
      blocked
    </span>
  );
}
