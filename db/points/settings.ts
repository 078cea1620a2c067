/** The village's own choices for the points procedure: notice period, privacy of deductions, star tiers. */
import { AppError } from '../contract/errors.js';
import type { PointsSettings, StarTier } from '../contract/views-points.js';
import type { StoreContext } from '../books/context.js';
import { audit } from '../books/audit.js';
import { getSetting, setSetting } from '../books/settings.js';

export const DEFAULT_TIERS: StarTier[] = [
  { stars: 1, name: '一星文明户', minHonour: 100 },
  { stars: 2, name: '二星文明户', minHonour: 200 },
  { stars: 3, name: '三星文明户', minHonour: 300 },
  { stars: 4, name: '四星文明户', minHonour: 400 },
  { stars: 5, name: '五星文明户', minHonour: 500 },
];

export function pointsSettings(ctx: StoreContext): PointsSettings {
  return {
    noticeDays: getSetting(ctx.db, 'points.noticeDays', 7),
    hideDeductionNames: getSetting(ctx.db, 'points.hideDeductionNames', true),
    tiers: getSetting(ctx.db, 'points.starTiers', DEFAULT_TIERS),
  };
}

/** Tiers must rise strictly: more stars always need a higher honour total. */
export function assertTiers(tiers: StarTier[]): void {
  const sorted = [...tiers].sort((a, b) => a.stars - b.stars);
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i]!.stars === sorted[i - 1]!.stars || sorted[i]!.minHonour <= sorted[i - 1]!.minHonour) throw new AppError('TIERS_INVALID');
  }
}

export function savePointsSettings(ctx: StoreContext, operatorId: number, s: PointsSettings): PointsSettings {
  assertTiers(s.tiers);
  ctx.db
    .transaction(() => {
      setSetting(ctx.db, 'points.noticeDays', s.noticeDays);
      setSetting(ctx.db, 'points.hideDeductionNames', s.hideDeductionNames);
      setSetting(
        ctx.db,
        'points.starTiers',
        [...s.tiers].sort((a, b) => a.stars - b.stars),
      );
      audit(ctx.db, ctx.stamp().createdAt, operatorId, 'points.settings', null, s);
    })
    .immediate();
  return pointsSettings(ctx);
}

/** The tier a household has reached, or 0. */
export function starsFor(tiers: StarTier[], honour: number): number {
  let stars = 0;
  for (const t of tiers) if (honour >= t.minHonour && t.stars > stars) stars = t.stars;
  return stars;
}
