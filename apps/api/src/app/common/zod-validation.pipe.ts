import type { ArgumentMetadata } from '@nestjs/common';
import { createZodValidationPipe } from 'nestjs-zod';
import type { ZodError } from 'zod';
import { findUnstorableStrings } from './find-unstorable-strings';
import { MeshlensException } from './meshlens.exception';

/** nestjs-zod's pipe, failing with our error body: every issue with its dotted path ("tables.routes.0.dst"). */
const NestZodValidationPipe = createZodValidationPipe({
  createValidationException: (error: unknown) =>
    MeshlensException.validation(
      (error as ZodError).issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })),
    ),
});

/** Also refuses, for every body, query and parameter, strings that Postgres cannot store (before any schema). */
export class ZodValidationPipe extends NestZodValidationPipe {
  override transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type !== 'custom') {
      // @Param('name') hands over the bare value: name the parameter itself.
      const issues = findUnstorableStrings(value).map((i) => ({ ...i, path: [metadata.data, i.path].filter(Boolean).join('.') }));
      if (issues.length > 0) throw MeshlensException.validation(issues, metadata.type);
    }
    return super.transform(value, metadata);
  }
}
