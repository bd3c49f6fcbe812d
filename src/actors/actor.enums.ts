import { registerEnumType } from 'type-graphql';

/** What an actor is. */
export const ActorKind = {
  PERSON: 'PERSON',
  ORGANIZATION: 'ORGANIZATION',
  GOVERNMENT: 'GOVERNMENT',
  MEDIA_OUTLET: 'MEDIA_OUTLET',
} as const;
registerEnumType(ActorKind, {
  name: 'ActorKind',
  description: 'What an actor is.',
  valuesConfig: {
    PERSON: { description: 'A person (Xi Jinping, Antony Blinken).' },
    ORGANIZATION: { description: 'A court, think tank, company or other body (ICC, Chatham House).' },
    GOVERNMENT: { description: 'A state, government or one of its offices (the Kremlin, the White House).' },
    MEDIA_OUTLET: { description: 'A news organisation (RFI, Reuters).' },
  },
});
