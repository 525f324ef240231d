// One error type that maps to a stable HTTP body: {"error": {"code", "message", "details"}}.
export interface ErrorDetail {
  field?: string;
  message: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: ErrorDetail[] = [],
  ) {
    super(message);
  }

  toBody(): { error: { code: string; message: string; details: ErrorDetail[] } } {
    return { error: { code: this.code, message: this.message, details: this.details } };
  }
}

export const notFound = (what: string, id?: string) => new ApiError(404, 'not_found', id ? `No ${what} with id ${id}` : `No such ${what}`);

export const validation = (message: string, details: ErrorDetail[] = []) => new ApiError(400, 'validation_failed', message, details);

export const conflict = (message: string) => new ApiError(409, 'conflict', message);

export const unprocessable = (message: string, details: ErrorDetail[] = []) => new ApiError(422, 'unprocessable', message, details);
