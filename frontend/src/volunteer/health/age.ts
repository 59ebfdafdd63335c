/** Completed years on a date, both "YYYY-MM-DD". */
export function ageOn(dob: string, on: string): number | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(dob) || !/^\d{4}-\d{2}-\d{2}$/.test(on)) return null;
  const [by, bm, bd] = dob.split('-').map(Number) as [number, number, number];
  const [y, m, d] = on.split('-').map(Number) as [number, number, number];
  let age = y - by;
  if (m < bm || (m === bm && d < bd)) age -= 1;
  return age >= 0 ? age : null;
}

/** Lansky for children under 16, Karnofsky from 16. */
export function scaleForAge(age: number | null): 'lansky' | 'karnofsky' | null {
  if (age === null) return null;
  return age < 16 ? 'lansky' : 'karnofsky';
}
