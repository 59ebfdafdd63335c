import { useCallback, useState } from 'react';
import { coarse } from '../health/places';

export type GeoState =
  | { status: 'idle' }
  | { status: 'asking' }
  | { status: 'denied' }
  | { status: 'known'; lat: number; lon: number };

/** The visitor's position, asked for only when they press a button, rounded
 * to about a kilometre and kept in memory only. */
export function useGeolocation(): { state: GeoState; ask: () => void; supported: boolean } {
  const [state, setState] = useState<GeoState>({ status: 'idle' });
  const supported = typeof navigator !== 'undefined' && 'geolocation' in navigator;
  const ask = useCallback(() => {
    if (!supported) return;
    setState({ status: 'asking' });
    navigator.geolocation.getCurrentPosition(
      (p) => setState({ status: 'known', lat: coarse(p.coords.latitude), lon: coarse(p.coords.longitude) }),
      () => setState({ status: 'denied' }),
      { enableHighAccuracy: false, timeout: 15_000, maximumAge: 600_000 },
    );
  }, [supported]);
  return { state, ask, supported };
}
