import { errors, type ApiError } from '../errors.js';
import { decodeUpload, type DecodedUpload, type RgbaRaster } from './decode-upload.js';
import type { UploadedFile } from './read-multipart.js';
import type { UploadRules } from './upload-rules.js';

/** The uploads of an edit or a variation, checked and decoded: what the renderer draws from. */
export interface CheckedUploads {
  /** Every image, described, in the order sent. */
  images: DecodedUpload[];
  /** The first image's pixels: the base of the output. */
  base: RgbaRaster;
  mask?: RgbaRaster;
}

export type UploadCheck = { ok: true; uploads: CheckedUploads } | { ok: false; error: ApiError };

/** What the checks need besides the files: the model's rules, and whether the request is a variation. */
export interface UploadCheckOptions {
  rules: UploadRules;
  kind: 'edit' | 'variation';
  /** Told of each file decoded, for the journal's dimensions. */
  onDecoded?: (file: UploadedFile, decoded: DecodedUpload) => void;
}

/**
 * Checks the uploaded files against the model's rules and decodes them, reporting the first problem only, in
 * this order: no image; `image[]` where the model takes `image`; too many images; then each image in turn
 * (declared type, size, bytes that decode as that type, dall-e-2's square PNG); then the mask (declared type,
 * a PNG with an alpha channel, the first image's size); last, dall-e-2's edit without a mask needs an image
 * with transparency.
 */
export async function checkUploads(
  images: readonly UploadedFile[],
  mask: UploadedFile | undefined,
  options: UploadCheckOptions,
): Promise<UploadCheck> {
  const { rules } = options;
  const first = images[0];
  if (!first) return fail(errors.missingParameter('image'));
  const array = images.find((file) => file.field.endsWith('[]'));
  if (array && !rules.takesImageArray) return fail(errors.unknownParameter(array.field));
  if (images.length > rules.maxImages) return fail(errors.tooManyImages(rules.maxImages, images.length));

  const decoded: DecodedUpload[] = [];
  let base: RgbaRaster | undefined;
  for (const [index, file] of images.entries()) {
    const param = paramOf(file);
    const refuse = (): ApiError =>
      rules.legacyErrors ? errors.dalleImageNotPng() : errors.invalidImageFile(index + 1);
    const type = file.contentType ?? 'application/octet-stream';
    if (!rules.mimetypes.includes(type))
      return fail(errors.unsupportedMimetype(param, type, rules.mimetypes));
    if (file.bytes.length > rules.maxImageBytes) {
      return fail(
        rules.legacyErrors ? errors.dalleImageNotPng() : errors.fileTooLarge(param, rules.maxImageBytes),
      );
    }
    const withPixels = index === 0 ? await decodeUpload(file.bytes, { pixels: true }) : undefined;
    const image = withPixels ?? (index === 0 ? undefined : await decodeUpload(file.bytes));
    if (!image) return fail(refuse());
    options.onDecoded?.(file, image);
    // The declared type must be what the bytes are: a JPEG called `image/png` is not a PNG.
    if (`image/${image.format}` !== type) return fail(refuse());
    if (rules.square && image.width !== image.height) {
      return fail(errors.dalleImageNotSquare(image.width, image.height));
    }
    if (withPixels) base = withPixels.raster;
    decoded.push(image);
  }
  if (!base) return fail(errors.missingParameter('image'));

  let maskRaster: RgbaRaster | undefined;
  if (mask) {
    const checked = await checkMask(mask, rules, decoded[0]!, options);
    if (!checked.ok) return checked;
    maskRaster = checked.raster;
  } else if (
    options.kind === 'edit' &&
    rules.legacyErrors &&
    !decoded[0]!.hasAlpha &&
    decoded[0]!.mode !== 'L'
  ) {
    return fail(errors.imageWithoutAlpha(decoded[0]!.mode));
  }
  return { ok: true, uploads: { images: decoded, base, ...(maskRaster ? { mask: maskRaster } : {}) } };
}

async function checkMask(
  mask: UploadedFile,
  rules: UploadRules,
  image: DecodedUpload,
  options: UploadCheckOptions,
): Promise<{ ok: true; raster: RgbaRaster } | { ok: false; error: ApiError }> {
  const type = mask.contentType ?? 'application/octet-stream';
  if (type !== 'image/png') return fail(errors.unsupportedMimetype('mask', type, ['image/png']));
  const notPng = (detail: string): ApiError =>
    rules.legacyErrors ? errors.dalleImageNotPng('mask') : errors.invalidMask(detail);
  if (mask.bytes.length === 0) return fail(notPng('the file is empty; the mask must be a PNG image'));
  if (mask.bytes.length > rules.maxMaskBytes) {
    return fail(notPng(`the mask must be under ${rules.maxMaskBytes / 1024 / 1024} MB`));
  }
  const decoded = await decodeUpload(mask.bytes, { pixels: true });
  if (!decoded || decoded.format !== 'png')
    return fail(notPng('the mask must be a PNG image, and these bytes are not one'));
  options.onDecoded?.(mask, decoded);
  if (!decoded.hasAlpha) {
    return fail(
      errors.invalidMask(
        `the mask has no alpha channel (it is ${decoded.mode}); its fully transparent pixels mark where to edit`,
      ),
    );
  }
  if (decoded.width !== image.width || decoded.height !== image.height) {
    return fail(
      errors.invalidMask(
        `the mask must be the same size as the image, but the mask is ${decoded.width}x${decoded.height} and the image ${image.width}x${image.height}`,
      ),
    );
  }
  return { ok: true, raster: decoded.raster };
}

/** The name an error gives a file: `image` for a form's parts (`image` or `image[]`), the JSON path otherwise. */
function paramOf(file: UploadedFile): string {
  return file.field === 'image[]' ? 'image' : file.field;
}

function fail(error: ApiError): { ok: false; error: ApiError } {
  return { ok: false, error };
}
