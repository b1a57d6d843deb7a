export { BALLOT_WEIGHT, type BallotForm, type BallotNumber, findBallotNumbers } from './ballot-numbers.ts';
export { type Analysis, analyse, HASH_BITS, type SparseVector } from './extract-features.ts';
export { SIGNAL_INDEX, SIGNALS, type SignalName } from './feature-names.ts';
export { LEXICON } from './lexicon.ts';
