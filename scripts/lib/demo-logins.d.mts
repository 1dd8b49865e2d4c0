export declare const DEMO_LOGINS: Array<{ username: string; role: string }>;
