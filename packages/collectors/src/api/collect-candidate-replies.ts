import type { CandidateRepliesInput, CandidateRepliesResult, ReverseCrawlPlatform } from './candidate-replies.ts';
import { candidateRepliesBluesky } from './candidate-replies-bluesky.ts';
import { candidateRepliesMastodon } from './candidate-replies-mastodon.ts';
import { candidateRepliesYouTube } from './youtube-comments.ts';

const REVERSE: Record<ReverseCrawlPlatform, (input: CandidateRepliesInput) => Promise<CandidateRepliesResult>> = {
  bluesky: candidateRepliesBluesky,
  mastodon: candidateRepliesMastodon,
  youtube: candidateRepliesYouTube,
};

/**
 * Reverse crawl of one candidate official account: replies under its newest posts (Bluesky threads, Mastodon
 * contexts, YouTube comment threads). Never throws for account or platform problems.
 */
export function collectCandidateReplies(input: CandidateRepliesInput): Promise<CandidateRepliesResult> {
  return REVERSE[input.account.platform](input);
}
