/** The only place queue names are defined. */
export const QUEUE = {
  /** One job per watched account to crawl. */
  crawl: 'crawl',
  /** One job per collected post to classify and store. */
  classify: 'classify',
  /** One job per collected post with images: read their text (OCR), then queue the post for classification. */
  ocr: 'ocr',
  /** Repeating jobs (the nightly crawl) that fan out into crawl jobs. */
  schedule: 'schedule',
} as const;

export type QueueName = (typeof QUEUE)[keyof typeof QUEUE];
