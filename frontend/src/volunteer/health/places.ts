// A small built-in list of towns with coordinates, for the countries where the
// trials run and their neighbours, so that a parent can pick a town instead of
// sharing an exact location. Names are as the towns call themselves.

export interface Place {
  city: string;
  lat: number;
  lon: number;
}

export const PLACES: Record<string, Place[]> = {
  TR: [
    { city: 'İstanbul', lat: 41.01, lon: 28.98 },
    { city: 'Ankara', lat: 39.93, lon: 32.86 },
    { city: 'İzmir', lat: 38.42, lon: 27.14 },
    { city: 'Bursa', lat: 40.19, lon: 29.06 },
    { city: 'Antalya', lat: 36.9, lon: 30.7 },
    { city: 'Adana', lat: 37.0, lon: 35.32 },
    { city: 'Konya', lat: 37.87, lon: 32.48 },
    { city: 'Gaziantep', lat: 37.07, lon: 37.38 },
    { city: 'Şanlıurfa', lat: 37.16, lon: 38.79 },
    { city: 'Diyarbakır', lat: 37.91, lon: 40.24 },
    { city: 'Kayseri', lat: 38.73, lon: 35.49 },
    { city: 'Samsun', lat: 41.29, lon: 36.33 },
    { city: 'Trabzon', lat: 41.0, lon: 39.72 },
    { city: 'Erzurum', lat: 39.9, lon: 41.27 },
    { city: 'Eskişehir', lat: 39.78, lon: 30.52 },
    { city: 'Van', lat: 38.49, lon: 43.38 },
  ],
  KZ: [
    { city: 'Almaty', lat: 43.24, lon: 76.89 },
    { city: 'Astana', lat: 51.17, lon: 71.45 },
    { city: 'Shymkent', lat: 42.32, lon: 69.59 },
    { city: 'Karaganda', lat: 49.81, lon: 73.09 },
    { city: 'Aktobe', lat: 50.28, lon: 57.17 },
    { city: 'Taraz', lat: 42.9, lon: 71.37 },
    { city: 'Pavlodar', lat: 52.29, lon: 76.97 },
    { city: 'Oskemen', lat: 49.95, lon: 82.61 },
    { city: 'Semey', lat: 50.41, lon: 80.25 },
    { city: 'Atyrau', lat: 47.11, lon: 51.92 },
    { city: 'Kostanay', lat: 53.21, lon: 63.62 },
    { city: 'Kyzylorda', lat: 44.85, lon: 65.51 },
    { city: 'Aktau', lat: 43.65, lon: 51.17 },
  ],
  DE: [
    { city: 'Berlin', lat: 52.52, lon: 13.4 },
    { city: 'Hamburg', lat: 53.55, lon: 9.99 },
    { city: 'München', lat: 48.14, lon: 11.58 },
    { city: 'Köln', lat: 50.94, lon: 6.96 },
    { city: 'Frankfurt am Main', lat: 50.11, lon: 8.68 },
    { city: 'Stuttgart', lat: 48.78, lon: 9.18 },
    { city: 'Düsseldorf', lat: 51.23, lon: 6.77 },
    { city: 'Leipzig', lat: 51.34, lon: 12.37 },
    { city: 'Dresden', lat: 51.05, lon: 13.74 },
    { city: 'Hannover', lat: 52.37, lon: 9.73 },
    { city: 'Münster', lat: 51.96, lon: 7.63 },
    { city: 'Heidelberg', lat: 49.4, lon: 8.67 },
    { city: 'Würzburg', lat: 49.79, lon: 9.95 },
  ],
  ES: [
    { city: 'Madrid', lat: 40.42, lon: -3.7 },
    { city: 'Barcelona', lat: 41.39, lon: 2.17 },
    { city: 'València', lat: 39.47, lon: -0.38 },
    { city: 'Sevilla', lat: 37.39, lon: -5.98 },
    { city: 'Zaragoza', lat: 41.65, lon: -0.89 },
    { city: 'Málaga', lat: 36.72, lon: -4.42 },
    { city: 'Bilbao', lat: 43.26, lon: -2.93 },
    { city: 'Salamanca', lat: 40.97, lon: -5.66 },
    { city: 'Murcia', lat: 37.99, lon: -1.13 },
  ],
  AZ: [
    { city: 'Bakı', lat: 40.41, lon: 49.87 },
    { city: 'Gəncə', lat: 40.68, lon: 46.36 },
  ],
  GE: [
    { city: 'Tbilisi', lat: 41.72, lon: 44.79 },
    { city: 'Batumi', lat: 41.64, lon: 41.63 },
  ],
  UZ: [
    { city: 'Tashkent', lat: 41.3, lon: 69.24 },
    { city: 'Samarkand', lat: 39.65, lon: 66.96 },
  ],
  KG: [
    { city: 'Bishkek', lat: 42.87, lon: 74.59 },
    { city: 'Osh', lat: 40.51, lon: 72.81 },
  ],
  RU: [
    { city: 'Moskva', lat: 55.76, lon: 37.62 },
    { city: 'Sankt-Peterburg', lat: 59.94, lon: 30.31 },
    { city: 'Novosibirsk', lat: 55.03, lon: 82.92 },
    { city: 'Omsk', lat: 54.99, lon: 73.37 },
  ],
  BG: [{ city: 'Sofia', lat: 42.7, lon: 23.32 }],
  GR: [
    { city: 'Athína', lat: 37.98, lon: 23.73 },
    { city: 'Thessaloníki', lat: 40.64, lon: 22.94 },
  ],
  CY: [{ city: 'Lefkoşa', lat: 35.18, lon: 33.36 }],
  PT: [
    { city: 'Lisboa', lat: 38.72, lon: -9.14 },
    { city: 'Porto', lat: 41.15, lon: -8.61 },
  ],
  FR: [
    { city: 'Paris', lat: 48.86, lon: 2.35 },
    { city: 'Lyon', lat: 45.76, lon: 4.84 },
    { city: 'Marseille', lat: 43.3, lon: 5.37 },
  ],
  IT: [
    { city: 'Roma', lat: 41.9, lon: 12.5 },
    { city: 'Milano', lat: 45.46, lon: 9.19 },
  ],
  AT: [{ city: 'Wien', lat: 48.21, lon: 16.37 }],
  CH: [{ city: 'Zürich', lat: 47.37, lon: 8.54 }],
  NL: [{ city: 'Amsterdam', lat: 52.37, lon: 4.9 }],
  BE: [{ city: 'Bruxelles', lat: 50.85, lon: 4.35 }],
  PL: [{ city: 'Warszawa', lat: 52.23, lon: 21.01 }],
  UA: [{ city: 'Kyiv', lat: 50.45, lon: 30.52 }],
};

/** Countries offered for home and travel: the trials' countries first. */
export const COUNTRIES = ['TR', 'KZ', 'DE', 'ES', ...Object.keys(PLACES).filter((c) => !['TR', 'KZ', 'DE', 'ES'].includes(c))];

const R = 6371.0088;
const rad = (d: number) => (d * Math.PI) / 180;

/** Great-circle distance in km (the server's haversine). */
export function distanceKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const dLat = rad(lat2 - lat1);
  const dLon = rad(lon2 - lon1);
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(rad(lat1)) * Math.cos(rad(lat2)) * Math.sin(dLon / 2) ** 2;
  return 2 * R * Math.asin(Math.min(1, Math.sqrt(a)));
}

/** The listed town nearest a point, if one is within `withinKm`. */
export function nearestPlace(lat: number, lon: number, withinKm = 60): { country: string; place: Place } | null {
  let best: { country: string; place: Place; km: number } | null = null;
  for (const [country, places] of Object.entries(PLACES)) {
    for (const place of places) {
      const km = distanceKm(lat, lon, place.lat, place.lon);
      if (km <= withinKm && (!best || km < best.km)) best = { country, place, km };
    }
  }
  return best ? { country: best.country, place: best.place } : null;
}

/** Coordinates rounded to about a kilometre: enough for distances, not an address. */
export function coarse(value: number): number {
  return Math.round(value * 100) / 100;
}
