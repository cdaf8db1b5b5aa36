import { z } from 'zod';
import { textField } from '../forms';

export const passwordMinLength = 10;
export const passwordMaxLength = 200;

const newPassword = (label: string) =>
	z
		.string({ error: `${label} must be text.` })
		.min(passwordMinLength, `${label} must be at least ${passwordMinLength} characters.`)
		.max(passwordMaxLength, `${label} can be at most ${passwordMaxLength} characters.`);

export const signUpForm = z.object({
	name: textField('Your name', { max: 100 }),
	email: textField('Email', { max: 254 }).pipe(
		z
			.email('Enter an email address like name@school.org.')
			.transform((email) => email.toLowerCase())
	),
	password: newPassword('Password')
});

export const signInForm = z.object({
	login: textField('Email or username', { max: 254 }).transform((login) => login.toLowerCase()),
	password: z
		.string({ error: 'Password must be text.' })
		.min(1, 'Password is required.')
		.max(passwordMaxLength, `Password can be at most ${passwordMaxLength} characters.`)
});

export const changePasswordForm = z
	.object({
		currentPassword: z
			.string({ error: 'Current password must be text.' })
			.min(1, 'Current password is required.')
			.max(passwordMaxLength, `Current password can be at most ${passwordMaxLength} characters.`),
		newPassword: newPassword('New password'),
		confirmPassword: z.string({ error: 'Confirm the new password.' })
	})
	.refine((form) => form.newPassword === form.confirmPassword, {
		path: ['confirmPassword'],
		message: 'The two new passwords do not match.'
	});
