import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { Strategy } from 'passport-local';
import { AppError } from '../common/errors';
import type { AuthUser } from '../common/roles';
import { AuthService } from './auth.service';

@Injectable()
export class LocalStrategy extends PassportStrategy(Strategy, 'local') {
  constructor(private readonly auth: AuthService) {
    super({ usernameField: 'username', passwordField: 'password' });
  }

  async validate(username: string, password: string): Promise<AuthUser> {
    const user = await this.auth.checkPassword(username, password);
    if (!user) throw new AppError(401, '用户名或密码错误');
    return user;
  }
}
