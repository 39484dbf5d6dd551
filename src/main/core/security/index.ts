export * from './external-url';
export * from './web-security';
export * from './app-protocol';
export * from './clipboard-guard';
