import { createZodValidationPipe } from 'nestjs-zod';
import type { ZodError } from 'zod';
import { MeshlensException } from './meshlens.exception';

/** nestjs-zod's pipe, failing with our error body: every issue with its dotted path ("tables.routes.0.dst"). */
export const ZodValidationPipe = createZodValidationPipe({
  createValidationException: (error: unknown) =>
    MeshlensException.validation(
      (error as ZodError).issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })),
    ),
});
