/** Colour class for a train by its distance from the newest live train (0 newest … 3 oldest or worse). */
export function trainAgeClass(train: number, newest: number): string {
  return `age-${Math.max(0, Math.min(3, newest - train))}`;
}

export function newestTrain(trains: Iterable<number>): number {
  let max = Number.NEGATIVE_INFINITY;
  for (const t of trains) if (t > max) max = t;
  return max;
}
