import type { Trial } from '../api';
import { distanceKm } from '../health/places';
import type { GeoState } from './useGeolocation';

/** The distance from the visitor to the trial's nearest site with a position. */
export function nearestKm(trial: Pick<Trial, 'sites'>, geo: GeoState): number | null {
  if (geo.status !== 'known') return null;
  let best: number | null = null;
  for (const s of trial.sites) {
    if (s.latitude === null || s.longitude === null) continue;
    const d = distanceKm(geo.lat, geo.lon, s.latitude, s.longitude);
    if (best === null || d < best) best = d;
  }
  return best;
}

