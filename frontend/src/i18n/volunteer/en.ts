// The 'volunteer' namespace, English: the reference. Other languages mirror these
// keys (missing ones fall back to English).
const volunteer = {
  nav: {},
};

export type VolunteerMessages = typeof volunteer;
export default volunteer;
