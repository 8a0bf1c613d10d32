import { ProjectEntity } from '../projects/entities/project.entity';

/** Listed as classes, not globs, so the bundled API finds them. */
export const ENTITIES = [ProjectEntity];
