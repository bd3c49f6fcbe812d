import {
  getArgumentValues,
  getNamedType,
  getNullableType,
  isInputObjectType,
  isInterfaceType,
  isListType,
  isObjectType,
  Kind,
  type GraphQLInputType,
  type GraphQLNamedType,
  type SelectionSetNode,
} from 'graphql';
import { ACTOR_LIMITS } from '../../actors/actor-input.checks';
import { TEXT_LIMITS } from '../../events/event-input.checks';
import { MAX_FILTER_LIST } from '../../timeline/parse-timeline-filter';
import { MAX_NODE_IDS } from '../node.resolver';
import { listTooLongError } from './limit-error';
import { type Operation } from './operation';

/** Entries any list argument or list input field may hold unless {@link LISTS_CAPPED_WHERE_USED} caps it. */
export const MAX_LIST_LENGTH = 100;

/** The cap `InputChecker.localizedTexts` puts on texts by language. */
const MAX_LOCALIZED_TEXTS = 50;

/**
 * Lists (by schema coordinate) that their resolver or input check caps itself, with BAD_USER_INPUT
 * naming the argument; they are left to it, so that its error keeps its path and problems. Every
 * other list is capped at {@link MAX_LIST_LENGTH} by {@link checkListArguments}.
 */
export const LISTS_CAPPED_WHERE_USED: ReadonlyMap<string, number> = new Map([
  ['Query.nodes(ids:)', MAX_NODE_IDS],
  ...['actors', 'kinds', 'sources', 'statuses', 'tags'].map(
    (field) => [`TimelineFilter.${field}`, MAX_FILTER_LIST] as const,
  ),
  ...['CreateActorInput', 'UpdateActorInput'].flatMap((input) => [
    [`${input}.names`, MAX_LOCALIZED_TEXTS] as const,
    [`${input}.descriptions`, MAX_LOCALIZED_TEXTS] as const,
    [`${input}.aliases`, ACTOR_LIMITS.aliases] as const,
    [`${input}.sameAs`, ACTOR_LIMITS.sameAs] as const,
  ]),
  ...['CreateEventInput', 'UpdateEventInput'].flatMap((input) => [
    [`${input}.titles`, MAX_LOCALIZED_TEXTS] as const,
    [`${input}.summaries`, MAX_LOCALIZED_TEXTS] as const,
    [`${input}.tags`, TEXT_LIMITS.tags] as const,
  ]),
]);

function checkValue(type: GraphQLInputType, value: unknown, argument: string, coordinate: string): void {
  if (value === null || value === undefined) return;
  const nullable = getNullableType(type);
  if (isListType(nullable) && Array.isArray(value)) {
    if (value.length > MAX_LIST_LENGTH && !LISTS_CAPPED_WHERE_USED.has(coordinate)) {
      throw listTooLongError(argument, value.length, MAX_LIST_LENGTH);
    }
    value.forEach((item, index) =>
      checkValue(nullable.ofType as GraphQLInputType, item, `${argument}[${index}]`, coordinate),
    );
  } else if (isInputObjectType(nullable) && typeof value === 'object') {
    for (const field of Object.values(nullable.getFields())) {
      const fieldValue = (value as Record<string, unknown>)[field.name];
      checkValue(field.type, fieldValue, `${argument}.${field.name}`, `${nullable.name}.${field.name}`);
    }
  }
}

/**
 * Throws BAD_USER_INPUT, naming the argument path (`input.participants`), for the first list
 * argument or list input field of the operation (literal or variable, at any depth of an input)
 * holding more than {@link MAX_LIST_LENGTH} entries, except those in {@link LISTS_CAPPED_WHERE_USED}.
 * Every field of the document is checked, whatever `@skip`/`@include` decide.
 */
export function checkListArguments({ schema, definition, fragments, variables }: Operation): void {
  const visited = new Set<string>();
  function visit(selectionSet: SelectionSetNode | undefined, parent: GraphQLNamedType | undefined): void {
    for (const selection of selectionSet?.selections ?? []) {
      if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const fragment = fragments.get(selection.name.value);
        if (!fragment || visited.has(fragment.name.value)) continue;
        visited.add(fragment.name.value);
        visit(fragment.selectionSet, schema.getType(fragment.typeCondition.name.value));
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const condition = selection.typeCondition?.name.value;
        visit(selection.selectionSet, condition === undefined ? parent : schema.getType(condition));
      } else {
        const owner = isObjectType(parent) || isInterfaceType(parent) ? parent : undefined;
        const field = owner?.getFields()[selection.name.value];
        if (!owner || !field) continue;
        let args: Record<string, unknown>;
        try {
          args = getArgumentValues(field, selection, variables);
        } catch {
          args = {};
        }
        for (const arg of field.args) {
          checkValue(arg.type, args[arg.name], arg.name, `${owner.name}.${field.name}(${arg.name}:)`);
        }
        visit(selection.selectionSet, getNamedType(field.type));
      }
    }
  }
  visit(definition.selectionSet, schema.getRootType(definition.operation) ?? undefined);
}
