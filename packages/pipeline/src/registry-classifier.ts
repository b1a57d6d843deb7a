import { classify, compileRegistry, loadModel, withThreshold } from '@netra/classifier';
import { type ClassificationResult, classifiedText, type Registry } from '@netra/core';
import { type ClassifyJob, imageTextsOf } from '@netra/queue';

/** What the classifier reads of a classify job; the rest (raw extraction, evidence refs) stays behind. */
export type ClassifierInput = Pick<
  ClassifyJob,
  'platform' | 'externalId' | 'text' | 'mediaDescriptions' | 'regionCode' | 'kind' | 'context'
> & {
  imageReadings?: ClassifyJob['imageReadings'];
  /**
   * When the post was published (an interaction's own time for a like or follow: the collectors put it there);
   * null when the platform did not say. Optional: a caller that passes none classifies exactly as before.
   */
  postedAt?: string | null;
};

export type Classifier = (job: ClassifierInput, registry: Registry) => ClassificationResult;

/** A classifier that reuses the compiled registry until the registry object changes. */
export function registryClassifier(modelPath?: string, threshold?: number): Classifier {
  const model = withThreshold(loadModel(modelPath), threshold);
  let compiledFor: Registry | null = null;
  let compiled: ReturnType<typeof compileRegistry> | null = null;
  return (job: ClassifierInput, registry: Registry) => {
    if (compiledFor !== registry) {
      compiled = compileRegistry(registry);
      compiledFor = registry;
    }
    return classify(
      {
        id: `${job.platform}:${job.externalId}`,
        // Text, then descriptions, then what OCR read from the images: evidence offsets index into this string.
        text: classifiedText(job.text, job.mediaDescriptions, imageTextsOf(job.imageReadings)),
        region: job.regionCode ?? undefined,
        platform: job.platform,
        kind: job.kind,
        context: job.context,
        // A person or ballot number in two contests goes to the one running on this day (docs/classifier.md).
        postedAt: job.postedAt ?? undefined,
      },
      compiled!,
      model,
    );
  };
}

export function classifierInput(job: ClassifyJob): ClassifierInput {
  return {
    platform: job.platform,
    externalId: job.externalId,
    text: job.text,
    mediaDescriptions: job.mediaDescriptions,
    regionCode: job.regionCode,
    kind: job.kind,
    context: job.context,
    // The threads need only the texts; the readings are small (no word boxes on the classify job).
    imageReadings: job.imageReadings,
    postedAt: job.postedAt,
  };
}
