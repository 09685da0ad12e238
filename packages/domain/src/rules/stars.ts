export type StarLevel = 0 | 1 | 2 | 3 | 4 | 5

/** Default approved service hours needed for one to five stars (星级志愿者). */
export const STAR_THRESHOLDS_HOURS = [100, 300, 600, 1000, 1500] as const

/**
 * Star level from approved service minutes: the number of thresholds reached (a threshold is
 * reached at exactly that many hours). `hoursToNext` is the exact (possibly fractional) number of
 * hours still needed for the next star, or null at five stars; round it for display.
 * Throws RangeError for negative or non-finite minutes, or thresholds that are not five strictly
 * increasing positive numbers.
 */
export function starLevel(
  approvedMinutes: number,
  thresholdsHours: readonly number[] = STAR_THRESHOLDS_HOURS,
): { level: StarLevel; hoursToNext: number | null } {
  if (!Number.isFinite(approvedMinutes) || approvedMinutes < 0) {
    throw new RangeError(`approved minutes must be a non-negative number, got ${approvedMinutes}`)
  }
  if (
    thresholdsHours.length !== 5 ||
    thresholdsHours.some((h, i) => !Number.isFinite(h) || h <= 0 || (i > 0 && h <= (thresholdsHours[i - 1] ?? 0)))
  ) {
    throw new RangeError('star thresholds must be five strictly increasing positive hour counts')
  }
  let level = 0
  while (level < 5 && approvedMinutes >= (thresholdsHours[level] ?? Infinity) * 60) level++
  const next = thresholdsHours[level]
  return {
    level: level as StarLevel,
    hoursToNext: next === undefined ? null : (next * 60 - approvedMinutes) / 60,
  }
}
