import { Field, Float, ObjectType } from 'type-graphql';

@ObjectType('Place', { description: 'Where an event takes place.', simpleResolvers: true })
export class Place {
  @Field({
    description:
      'Stable human-readable key, unique among places (e.g. "moscow"); events name their place by it when written.',
  })
  slug!: string;

  @Field({ description: 'IANA zone of the place.' })
  timeZone!: string;

  @Field(() => Float, { nullable: true, description: 'WGS 84 latitude in degrees, if known.' })
  latitude!: number | null;

  @Field(() => Float, { nullable: true, description: 'WGS 84 longitude in degrees, if known.' })
  longitude!: number | null;
}
