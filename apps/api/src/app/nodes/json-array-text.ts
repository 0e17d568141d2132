/**
 * A JSON array of T as text, as Postgres wrote it (json_agg): handed to the HTTP response as it is. The brand keeps
 * an arbitrary string from passing for one; only a repository that serialized T rows creates it.
 */
export type JsonArrayText<T> = string & { readonly __jsonArrayOf?: T };
