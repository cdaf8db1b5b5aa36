import { expect, test } from '@playwright/test';
import { classSnapshot, createClassWorld, requestAs, type Person } from './fixtures/classes';

type World = Awaited<ReturnType<typeof createClassWorld>>;

interface ClassRequest {
	name: string;
	method: 'GET' | 'POST';
	path: (world: World) => string;
	/** a body the class's own teacher could send, so a refusal is about who asks, not what */
	form?: (world: World) => Record<string, string>;
}

const classPath = (world: World, rest = '') => `/classes/${world.ownClass.id}${rest}`;

const requests: ClassRequest[] = [
	{ name: 'dashboard', method: 'GET', path: (w) => classPath(w) },
	{ name: 'dashboard sorted', method: 'GET', path: (w) => classPath(w, '?sort=name&dir=desc') },
	{ name: 'question statistics', method: 'GET', path: (w) => classPath(w, '/questions') },
	{ name: 'students', method: 'GET', path: (w) => classPath(w, '/students') },
	{
		name: 'remove-student confirmation',
		method: 'GET',
		path: (w) => classPath(w, `/students?remove=${w.student.id}`)
	},
	{ name: 'join-code QR', method: 'GET', path: (w) => classPath(w, '/join-code.svg') },
	{ name: 'assignments', method: 'GET', path: (w) => classPath(w, '/assignments') },
	{
		name: 'delete-assignment confirmation',
		method: 'GET',
		path: (w) => classPath(w, `/assignments?delete=${w.assignment.id}`)
	},
	{ name: 'grading queue', method: 'GET', path: (w) => classPath(w, '/grading') },
	{ name: 'settings', method: 'GET', path: (w) => classPath(w, '/settings') },
	{ name: 'grades CSV', method: 'GET', path: (w) => classPath(w, '/export/grades.csv') },
	{ name: 'responses CSV', method: 'GET', path: (w) => classPath(w, '/export/responses.csv') },
	{
		name: 'add students',
		method: 'POST',
		path: (w) => classPath(w, '/students?/addStudents'),
		form: () => ({ names: 'Intruder One\nIntruder Two' })
	},
	{
		name: 'reset a password',
		method: 'POST',
		path: (w) => classPath(w, '/students?/resetPassword'),
		form: (w) => ({ studentId: w.student.id })
	},
	{
		name: 'remove a student',
		method: 'POST',
		path: (w) => classPath(w, '/students?/remove'),
		form: (w) => ({ studentId: w.student.id })
	},
	{
		name: 'assign a lesson',
		method: 'POST',
		path: (w) => classPath(w, '/assignments?/create'),
		form: () => ({ lesson: 'module', behaviour: 'quiz', dueDate: '', dueTime: '' })
	},
	{
		name: 'delete an assignment',
		method: 'POST',
		path: (w) => classPath(w, '/assignments?/delete'),
		form: (w) => ({ assignmentId: w.assignment.id })
	},
	{
		name: 'score a written answer',
		method: 'POST',
		path: (w) => classPath(w, '/grading?/grade'),
		form: (w) => ({ responseId: w.writtenResponseId, level: '3', comment: 'Nice.' })
	},
	{
		name: 'rename the class',
		method: 'POST',
		path: (w) => classPath(w, '/settings?/rename'),
		form: () => ({ name: 'Taken over' })
	},
	{
		name: 'rotate the join code',
		method: 'POST',
		path: (w) => classPath(w, '/settings?/rotateCode'),
		form: () => ({})
	},
	{
		name: 'archive the class',
		method: 'POST',
		path: (w) => classPath(w, '/settings?/archive'),
		form: () => ({})
	},
	{
		name: 'unarchive the class',
		method: 'POST',
		path: (w) => classPath(w, '/settings?/unarchive'),
		form: () => ({})
	}
];

const outsiders: { role: string; who: (world: World) => Person | null; refusal: RegExp }[] = [
	{ role: 'an anonymous visitor', who: () => null, refusal: /^(303|403)$/ },
	{ role: 'a student of the class', who: (w) => w.student, refusal: /^403$/ },
	{ role: 'a student of another class', who: (w) => w.otherStudent, refusal: /^403$/ },
	{ role: 'another teacher', who: (w) => w.otherTeacher, refusal: /^403$/ }
];

test.describe('a class belongs to its teacher', () => {
	let world: World;
	test.beforeAll(async () => {
		world = await createClassWorld();
	});

	test('the class’s own teacher can open every page and export', async ({ baseURL }) => {
		const teacher = await requestAs(baseURL!, world.teacher);
		for (const request of requests.filter((r) => r.method === 'GET')) {
			const response = await teacher.get(request.path(world), { maxRedirects: 0 });
			expect(response.status(), request.name).toBe(200);
		}
		await teacher.dispose();
	});

	for (const outsider of outsiders) {
		test(`${outsider.role} is refused everywhere and changes nothing`, async ({ baseURL }) => {
			const before = await classSnapshot();
			const context = await requestAs(baseURL!, outsider.who(world));
			let refused = 0;
			for (const request of requests) {
				const response =
					request.method === 'GET'
						? await context.get(request.path(world), { maxRedirects: 0 })
						: await context.post(request.path(world), {
								form: request.form?.(world) ?? {},
								maxRedirects: 0
							});
				const status = String(response.status());
				expect(status, `${request.method} ${request.name}`).toMatch(outsider.refusal);
				if (status === '303') {
					expect(response.headers().location, request.name).toMatch(/^\/signin\?redirectTo=/);
				} else {
					expect(await response.text(), request.name).not.toContain(world.ownClass.joinCode);
				}
				refused += 1;
			}
			await context.dispose();
			expect(refused).toBe(requests.length);
			expect(await classSnapshot()).toEqual(before);
		});
	}

	test('a student cannot create classes and sees no teacher pages', async ({ baseURL }) => {
		const before = await classSnapshot();
		const student = await requestAs(baseURL!, world.student);
		const create = await student.post('/classes?/create', {
			form: { name: 'Student class' },
			maxRedirects: 0
		});
		expect(create.status()).toBe(403);
		expect((await student.get('/classes', { maxRedirects: 0 })).status()).toBe(403);
		await student.dispose();
		expect(await classSnapshot()).toEqual(before);
	});
});
