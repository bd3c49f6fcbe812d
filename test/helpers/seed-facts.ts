/** Facts of the seed dataset that several test files check against. */

/** The events Putin takes part in, in time order. */
export const PUTIN_EVENTS = [
  'xi-state-visit-announced',
  'icc-arrest-warrant-putin',
  'china-criticises-icc-warrant',
  'xi-state-visit-to-russia-2023',
  'xi-putin-informal-talks',
  'xi-predicts-putin-reelection',
  'putin-respects-china-peace-proposal',
  'analysts-doubt-military-support',
  'blinken-diplomatic-cover-statement',
  'kirby-urges-xi-to-press-putin',
  'xi-putin-formal-talks',
  'kremlin-on-putin-2024-candidacy',
  'russian-presidential-election-2024',
];

/** The events Xi Jinping takes part in, in time order. */
export const XI_EVENTS = [
  'moscow-publicises-xi-visit',
  'zelensky-calls-for-talks-with-xi',
  'xi-elected-to-third-term',
  'xi-state-visit-announced',
  'xi-state-visit-to-russia-2023',
  'xi-putin-informal-talks',
  'xi-predicts-putin-reelection',
  'putin-respects-china-peace-proposal',
  'vereshchuk-awaits-word-on-xi-zelensky-call',
  'yu-jie-no-military-in-xi-entourage',
  'analysts-doubt-military-support',
  'blinken-diplomatic-cover-statement',
  'kirby-urges-xi-to-press-putin',
  'xi-putin-formal-talks',
  'xi-leaves-moscow',
];
