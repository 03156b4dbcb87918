/**
 * The shapes a deviation works on: the request on its way to the conformant host, the answer on its way
 * back, and the hooks a deviation may fill, one per place it can apply.
 */

/** One HTTP answer as the provider is about to send it; header names are lower case. */
export interface Answer {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
  /** Send without `content-length`, in several chunks. */
  chunked?: boolean;
}

/** A request on its way to the conformant host behind the provider. */
export interface ForwardedRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: Buffer;
}

export type Item = Record<string, unknown>;

/** The endpoints that take uploads. */
export type UploadEndpoint = 'edits' | 'variations';
export type SuccessBody = Record<string, unknown> & { data: Item[] };

export interface SuccessContext {
  /** The generation request as sent by the client, parsed. */
  request: Record<string, unknown>;
  /** The answer's headers, to edit. */
  headers: Record<string, string>;
  /** The final bytes of each item's image, in order. */
  images: readonly Buffer[];
  /** Serves bytes from this provider and returns their URL. */
  publish: (bytes: Buffer) => string;
  /** Origin of this provider's image URLs, and of a second image host on another port and host name. */
  origin: string;
  otherOrigin: string;
  seq: number;
}

export interface Timing {
  /** How long `slow` answers take: meant to be beyond the run's timeout. */
  slowMs: number;
  /** How long `slow-within-timeout` answers take: meant to be within it. */
  withinTimeoutMs: number;
}

export interface Behaviour {
  /** `breaks`: the contract suite must catch it. `tolerated`: conformant but different, it must pass. */
  kind: 'breaks' | 'tolerated';
  /** The generation request, before it reaches the conformant host. */
  request?: (request: ForwardedRequest, apiKey: string) => void;
  /** An answer to the generation request instead of the conformant host's, or undefined to forward it. */
  respond?: (request: ForwardedRequest, apiKey: string) => Answer | undefined;
  /**
   * The multipart form of an edit or variation, before it reaches the conformant host (edit it in place),
   * or a JSON generation body to send to `/images/generations` instead.
   */
  upload?: (
    form: FormData,
    endpoint: UploadEndpoint,
  ) => Promise<Record<string, unknown> | undefined> | Record<string, unknown> | undefined;
  /** Every image of an edit or variation answer, after `image`. */
  uploadImage?: (png: Buffer, seq: number) => Buffer;
  /** Every image's bytes, whether sent as `b64_json` or behind a URL. */
  image?: (png: Buffer, seq: number) => Buffer;
  /** Each `b64_json` string as written. */
  base64?: (b64: string) => string;
  /** A successful generation (or edit) body, after its images were edited. */
  success?: (body: SuccessBody, context: SuccessContext) => void;
  /** Every error answer (status 400 and above) of the generation endpoint. */
  error?: (answer: Answer) => void;
  /** The answer to an image URL. */
  file?: (answer: Answer) => void;
  /** The headers of every answer. */
  headers?: (headers: Record<string, string>) => void;
  /** The encoding of every answer on the wire, last. */
  wire?: (answer: Answer, request: ForwardedRequest) => void;
  /** A wait before every answer of the generation endpoint (success or error). */
  delayMs?: (timing: Timing) => number;
}
