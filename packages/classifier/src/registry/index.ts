export {
  type CompiledCandidate,
  type CompiledContest,
  type CompiledRegistry,
  compileRegistry,
  contestsOf,
  type MatchKind,
} from './compile-registry.ts';
export { deletes, editDistance } from './fuzzy.ts';
export { type Mention, matchMentions } from './match-mentions.ts';
