import { ApiFailure } from '../lib/api/api-failure';

export const ErrorBanner = ({ error }: { error: unknown }) => {
  const failure = error instanceof ApiFailure ? error : undefined;
  return (
    <div className="error-banner" role="alert">
      <strong>{failure?.title ?? 'Something went wrong'}</strong>
      <span className="mono">{failure?.detail ?? (error as Error)?.message ?? String(error)}</span>
      {failure?.blamesApi && (
        <span className="muted">
          Tried <span className="mono">{failure.url}</span>. Check that the API runs and that MESHLENS_API_URL points at
          it.
        </span>
      )}
    </div>
  );
};
