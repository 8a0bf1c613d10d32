/** One field that failed validation, with every reason it failed. */
export interface ApiFieldError {
  field: string;
  messages: string[];
}

/** The body of every 4xx / 5xx answer of the API. */
export interface ApiErrorBody {
  statusCode: number;
  error: string;
  message: string;
  fields?: ApiFieldError[];
}
