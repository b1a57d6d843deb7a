import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

/** Seconds buckets for jobs and HTTP requests: a classify job takes milliseconds, a crawl job minutes. */
const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600];
/** The classifier's score lies in [0, 1]; finer near the usual thresholds. */
const SCORE_BUCKETS = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1];

/**
 * Every series Netra exports (docs/operations.md lists them), on one registry per process. Each deployable
 * fills the ones that concern it — the classifier scores, the scraper crawl items, the API HTTP requests and
 * the review backlog — and all of them export process metrics and the queues they can see. `service` goes
 * on every series as a default label so one Prometheus can tell the deployables apart.
 */
export class NetraMetrics {
  readonly registry = new Registry();
  readonly jobDuration: Histogram<'queue' | 'outcome'>;
  readonly jobFailures: Counter<'queue' | 'final'>;
  readonly crawlAccounts: Counter<'platform' | 'status'>;
  readonly crawlItems: Counter<'platform'>;
  readonly crawlErrors: Counter<'platform' | 'code'>;
  readonly postsStored: Counter;
  readonly postsClassified: Counter<'flagged'>;
  readonly classifierScore: Histogram;
  readonly httpDuration: Histogram<'method' | 'route' | 'status'>;

  constructor(service: string) {
    const registers = [this.registry];
    this.registry.setDefaultLabels({ service });
    collectDefaultMetrics({ register: this.registry });
    this.jobDuration = new Histogram({
      name: 'netra_job_duration_seconds',
      help: 'Time a worker spent on a job, from start to completion or failure',
      labelNames: ['queue', 'outcome'],
      buckets: DURATION_BUCKETS,
      registers,
    });
    this.jobFailures = new Counter({
      name: 'netra_job_failures_total',
      help: 'Failed job attempts; final="true" when no attempt is left (the job is in the failed list)',
      labelNames: ['queue', 'final'],
      registers,
    });
    this.crawlAccounts = new Counter({
      name: 'netra_crawl_accounts_total',
      help: 'Accounts crawled, by platform and the status the crawl found',
      labelNames: ['platform', 'status'],
      registers,
    });
    this.crawlItems = new Counter({
      name: 'netra_crawl_items_total',
      help: 'Posts collected by crawls, by platform',
      labelNames: ['platform'],
      registers,
    });
    this.crawlErrors = new Counter({
      name: 'netra_crawl_errors_total',
      help: 'Crawl errors by platform and error code (a crawl may keep its posts and still record errors)',
      labelNames: ['platform', 'code'],
      registers,
    });
    this.postsStored = new Counter({
      name: 'netra_posts_stored_total',
      help: 'Posts stored for the first time, by whichever deployable stored them first (sum the services; rate × 3600 = posts per hour)',
      registers,
    });
    this.postsClassified = new Counter({
      name: 'netra_posts_classified_total',
      help: 'Posts classified, by whether they were flagged for review (the flag rate is flagged / all)',
      labelNames: ['flagged'],
      registers,
    });
    this.classifierScore = new Histogram({
      name: 'netra_classifier_score',
      help: 'Endorsement score the classifier gave each post',
      buckets: SCORE_BUCKETS,
      registers,
    });
    this.httpDuration = new Histogram({
      name: 'netra_http_request_duration_seconds',
      help: 'HTTP request durations by route template (never the raw URL), method and status',
      labelNames: ['method', 'route', 'status'],
      buckets: DURATION_BUCKETS,
      registers,
    });
  }

  /** A gauge whose value is read when Prometheus scrapes (queue depth, backlog). */
  gauge<L extends string>(
    name: string,
    help: string,
    labelNames: readonly L[],
    collect: (gauge: Gauge<L>) => Promise<void>,
  ): Gauge<L> {
    return new Gauge<L>({
      name,
      help,
      labelNames,
      registers: [this.registry],
      async collect() {
        // A store that does not answer leaves these series out of this scrape instead of failing the whole
        // endpoint (process and job series still matter most during an outage; /readyz names the store).
        try {
          await collect(this);
        } catch {
          this.reset();
        }
      },
    });
  }

  /** The exposition text; a collector that fails (a store down) leaves its series out rather than failing all. */
  async text(): Promise<string> {
    return this.registry.metrics();
  }
}
