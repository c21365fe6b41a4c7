import { Type } from '@sinclair/typebox';

/** QQ's sexes, as the world file, the admin API and OneBot write them. */
export const Sex = Type.Union([Type.Literal('male'), Type.Literal('female'), Type.Literal('unknown')]);

/** A member's role in a group, highest first. */
export const Role = Type.Union([Type.Literal('owner'), Type.Literal('admin'), Type.Literal('member')]);
