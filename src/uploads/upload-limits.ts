/**
 * What the multipart reader takes from one request, whatever the model: enough for the largest legal edit
 * (16 images and a mask, each under 50 MB, with a 32,000-character prompt), and no more, so a huge or endless
 * upload is cut off at a known size. The model's own, tighter rules (dall-e-2: one PNG under 4 MB) are checked
 * once the whole form is read (`upload-rules.ts`).
 */
export interface UploadLimits {
  /** Largest file, in bytes: the GPT image models' 50 MB. */
  fileBytes: number;
  /** All files of one request together, in bytes (multipart parts, or a JSON body's data: URLs decoded). */
  totalBytes: number;
  /** File parts read: 16 images, a mask, and one more, so that 17 images are told apart from a flood. */
  files: number;
  /** Text fields read. */
  fields: number;
  /** Parts of any kind read. */
  parts: number;
  /** Largest text field, in bytes: a 32,000-character prompt of four-byte characters fits. */
  fieldBytes: number;
  /** How much of an upload is still read (and thrown away) after its error was answered, before cutting it. */
  drainBytes: number;
}

export const UPLOAD_LIMITS: Readonly<UploadLimits> = Object.freeze({
  fileBytes: 50 * 1024 * 1024,
  totalBytes: 64 * 1024 * 1024,
  files: 18,
  fields: 32,
  parts: 64,
  fieldBytes: 128 * 1024,
  drainBytes: 16 * 1024 * 1024,
});

/** Largest decoded picture, in pixels (4096x4096): a bound on the memory one upload's pixels take. */
export const MAX_INPUT_PIXELS = 4096 * 4096;
