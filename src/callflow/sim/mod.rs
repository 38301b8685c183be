//! The call simulator (SIM.md): plays a created request as the platform would, on a
//! simulated clock, and produces exactly the JSON the platform would send. Domain code: no
//! terminal, no clock, no files; `callflow simulate` and the call screen are its views.

mod agenda;
pub mod callee;
pub mod capture;
pub mod clock;
pub mod duration;
pub mod engine;
pub mod events;
pub mod ids;
pub mod legs;
pub mod lesson;
pub mod numbers;
pub mod press;
pub mod reply;
pub mod responder;
pub mod setup;
pub mod view;

pub use callee::Callee;
pub use engine::Simulation;
pub use events::{Channel, Line};
pub use press::PressScript;
pub use responder::{Reply, Responder};
pub use setup::Setup;
pub use view::{Heard, ReplyCheck, WindowView};

/// Runs a scripted simulation to its end and returns its lines, one compact JSON object
/// per line, each ending in a newline.
pub fn run_script(body: &[u8], setup: Setup) -> (Simulation, String) {
    let mut simulation = Simulation::from_bytes(body, setup);
    simulation.run_to_end();
    let mut out = String::new();
    for line in simulation.lines() {
        line.write(&mut out);
        out.push('\n');
    }
    (simulation, out)
}
