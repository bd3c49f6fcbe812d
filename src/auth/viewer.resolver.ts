import { Ctx, Query, Resolver } from 'type-graphql';
import { type RequestContext } from '../graphql/context';
import { Viewer } from './viewer.type';

/** The `viewer` query: who the request's bearer token belongs to. */
@Resolver()
export class ViewerResolver {
  @Query(() => Viewer, { nullable: true, description: 'The token this request is made with; null without one.' })
  viewer(@Ctx() { auth }: RequestContext): Promise<Viewer | null> {
    return auth.viewer();
  }
}
