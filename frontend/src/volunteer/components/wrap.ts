// Mantine buttons keep their label on one line; on a 375 px phone a long
// label (in Turkish or Kazakh especially) would be cut off. These props let
// it wrap and the button grow.
export const wrapLabel = {
  h: 'auto',
  mih: 42,
  py: 6,
  styles: { label: { whiteSpace: 'normal', textAlign: 'center', lineHeight: 1.3 } },
} as const;
