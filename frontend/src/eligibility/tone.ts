// Mantine's light and subtle variants draw text in a mid shade that fails
// WCAG AA on its pale background; these props keep the base colour for the
// background and a dark shade for the text.

export type Tone = 'teal' | 'blue' | 'red' | 'gray' | 'yellow';

const TEXT: Record<Tone, string> = {
  // teal.9 reaches only 4.5:1 on teal's light background; a shade darker.
  teal: '#0b5d44',
  blue: 'blue.9',
  red: 'red.9',
  gray: 'gray.8',
  yellow: '#7a4100',
};

export function tone(t: Tone): { color: Tone; c: string } {
  return { color: t, c: TEXT[t] };
}
