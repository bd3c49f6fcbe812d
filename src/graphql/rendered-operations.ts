import { ACTOR_RENDERERS, renderActor } from '../actors/actor-renderers';
import {
  CITATION_RENDERERS,
  EVENT_RENDERERS,
  EVENT_TIME_RENDERERS,
  PARTICIPATION_RENDERERS,
} from '../events/event-renderers';
import { SOURCE_RENDERERS } from '../sources/source-renderers';
import { renderTimeline, scopedTimelineRenderer } from '../timeline/timeline-rendering';
import { type RenderingRegistry } from './rendering/render-operation';

/** What PostgreSQL renders whole (see rendering/render-operation.ts): timeline pages, actors, the timelines of actors and sources, and the types on them. */
export const RENDERED_OPERATIONS: RenderingRegistry = {
  roots: { timeline: renderTimeline, actor: renderActor },
  renderers: {
    Event: EVENT_RENDERERS,
    EventTime: EVENT_TIME_RENDERERS,
    Participation: PARTICIPATION_RENDERERS,
    Citation: CITATION_RENDERERS,
    Actor: { ...ACTOR_RENDERERS, timeline: scopedTimelineRenderer('actor') },
    Source: { ...SOURCE_RENDERERS, events: scopedTimelineRenderer('source') },
  },
};
